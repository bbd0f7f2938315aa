/** The step of the pack check that failed. */
export type PackCheckStep = 'pack' | 'install' | 'readme' | 'import' | 'example' | 'typecheck';

/** A failed step of the pack check; `code` is `PACKCHECK_<STEP>`. */
export class PackCheckError extends Error {
  override readonly name = 'PackCheckError';
  readonly code: `PACKCHECK_${Uppercase<PackCheckStep>}`;

  constructor(
    readonly step: PackCheckStep,
    message: string,
  ) {
    super(message);
    this.code = `PACKCHECK_${step.toUpperCase() as Uppercase<PackCheckStep>}`;
  }
}
