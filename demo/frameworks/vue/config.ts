export interface UploadConfig {
  cloudName: string;
  uploadPreset: string;
  uploadPrefix: string;
}
