// A command that printed its answer and found a check failed (not eligible, over a limit,
// a failed case) marks it here; the entry turns it into exit code 1.
let failed = false;
export function markCheckFailed(): void {
  failed = true;
}
export function checkFailed(): boolean {
  return failed;
}
export function resetCheck(): void {
  failed = false;
}
