/** Recorded with every run on the results sheet, so a workbook says which add-in made it. */
export const ADDIN_VERSION = "0.1.0";
