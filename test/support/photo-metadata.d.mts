// Types of photo-metadata.mjs, for the unit tests written in TypeScript.
export const LATITUDE: number[][];
export const LONGITUDE: number[][];
export const MAKE: string;
export const XMP_WITH_GPS: string;
export function exifTiff(options?: { orientation?: number; gps?: boolean; bigEndian?: boolean }): Uint8Array;
export function latitudeBytes(bigEndian?: boolean): Uint8Array;
export function exifSegment(tiff: Uint8Array): Uint8Array;
export function xmpSegment(xml: string): Uint8Array;
export function withSegments(jpeg: Uint8Array, ...segments: Uint8Array[]): Uint8Array;
export function scanStart(jpeg: Uint8Array): number;
export function indexOfBytes(bytes: Uint8Array, needle: Uint8Array): number;
export interface Ifd0 {
  tags: number[];
  orientation?: number;
  make?: string;
  next: number;
}
export function exifOf(jpeg: Uint8Array): Ifd0;
export function tiffOf(tiff: Uint8Array): Ifd0;
export function heifWithMetadata(tiff: Uint8Array, xml?: string): { bytes: Uint8Array; exifAt: number; xmpAt: number };
