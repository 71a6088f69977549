/**
 * The crowded machine of issue 15, case 2, as scenario text for the tests (unit and e2e): one task
 * of `entries` map entries (every other page read-only, so none coalesce), then a chain of `forks`
 * forks (task F0 = fork(A), F1 = fork(F0), ...), each copying every entry.
 */
export function crowdedLines(entries: number, forks: number): string[] {
  const lines = ['task A', `kr = vm_allocate(A, &x, ${entries} * PAGE_SIZE, TRUE)`];
  for (let p = 1; p < entries; p += 2) lines.push(`kr = vm_protect(A, x + ${p} * PAGE_SIZE, PAGE_SIZE, FALSE, VM_PROT_READ)`);
  for (let f = 0; f < forks; f++) lines.push(`task F${f} = fork(${f === 0 ? 'A' : `F${f - 1}`})`);
  return lines;
}

/** crowdedLines as one text. */
export function crowdedText(entries: number, forks: number): string {
  return crowdedLines(entries, forks).join('\n') + '\n';
}
