import type { Shape } from '../../app/i18n/shape';

// The instruments module's texts; de.ts and en.ts include them under `instruments`.
export const instrumentsDe = {
  title: 'Instrumente',
};

export const instrumentsEn: Shape<typeof instrumentsDe> = {
  title: 'Instruments',
};
