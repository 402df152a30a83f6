// Problems with the page's options, each said once: a console warning naming the option, or for
// a fatal one (a secret in the page) a console error and an `error` event on the element.
import { fire } from '../dispatch.js';
import type { OptionProblem } from '../options.js';

export class ProblemReporter {
  private readonly said = new Set<string>();

  constructor(private readonly target: EventTarget) {}

  readonly report = (problem: OptionProblem): void => {
    const key = `${problem.option}:${problem.message}`;
    if (this.said.has(key)) return;
    this.said.add(key);
    if (problem.fatal) {
      console.error(`[upload-widget] ${problem.message}`);
      fire(this.target, 'error', { message: problem.message });
    } else {
      console.warn(`[upload-widget] ${problem.message}`);
    }
  };
}
