// The grid a schedule importer reads out of a file (CSV, XLSX, PDF), before it becomes a schedule
// YAML: labels as printed, every value with the text it was read from. Readers produce it; one
// function (the tabular importer's) turns it into the schedule file. Pure data, no I/O.

/** Where one printed value came from, so every imported cell can be held against the paper. */
export interface CellSource {
  /** base name of the input file */
  file: string;
  /** PDF page, 1-based */
  page?: number;
  /** workbook sheet */
  sheet?: string;
  /** cell reference: "C7" in a workbook, "r7c3" (1-based line and field) in a CSV */
  ref?: string;
  /** the text exactly as printed or typed, e.g. "$66,282" */
  text: string;
  /** read by OCR from a scanned page */
  ocr?: boolean;
}

export interface GridCell {
  /** the amount as decimal text, without $ or separators: "66282", "356.12" */
  value: string;
  source: CellSource;
}

export interface GridClass {
  /** the class as printed, on one line: "BA+45", "Class I", "X", "III" */
  label: string;
  /** the whole header when printed over several lines: "Class II BA+30 units" */
  header?: string;
}

export interface GridStep {
  /** the step as printed: "1", "15", "L1", "25+" */
  label: string;
  /** the step number it stands for (longevity steps keep their number: 15, 20, 25) */
  step: number;
  /** years of service it stands for, when the schedule labels steps by years */
  years?: number;
}

export interface ImportedGrid {
  /** a name for this grid when a file holds several (two schedules on one page) */
  name?: string;
  /** what the main values are: annual salaries, daily or hourly rates */
  basis: 'annual' | 'daily' | 'hourly';
  classes: GridClass[];
  steps: GridStep[];
  /** the main values, [step index][class index]; null where the class has no such step (blank, "-", "n/a") */
  values: (GridCell | null)[][];
  /** a daily rate printed with each annual salary (beside it or on the line under it), same shape as values */
  daily?: (GridCell | null)[][];
  /** an hourly rate printed with each annual salary, same shape as values */
  hourly?: (GridCell | null)[][];
  /** the title lines as printed */
  title: string[];
  /** what the title prints, read when it can be read with confidence */
  meta: {
    district?: string;
    /** "2023-24" */
    schoolYear?: string;
    /** YYYY-MM-DD */
    effective?: string;
    /** YYYY-MM-DD */
    boardApproved?: string;
    /** the work year the schedule prints ("185-Day Work Year") */
    workDays?: number;
    /** the words it was read from */
    workDaysText?: string;
  };
  /** what a person must read and encode by hand: increments written as sentences, footnotes */
  notes: string[];
  /** printed with the classes down the side and the steps across (read turned) */
  transposed?: boolean;
}
