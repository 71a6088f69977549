/**
 * Small phrases the narration is built from: protections, access verbs, pagers, plurals, lists.
 */
import { DEFAULT_PAGER } from '../../kernel/vm_pageout';
import { VM_PROT_EXECUTE, VM_PROT_READ, VM_PROT_WRITE } from '../../kernel/vm_param';

/** read-only, read/write, read/write/execute, inaccessible */
export function protWords(p: number): string {
  if (p === 0) return 'inaccessible';
  if (p === VM_PROT_READ) return 'read-only';
  if (p === VM_PROT_WRITE) return 'write-only';
  if (p === VM_PROT_EXECUTE) return 'execute-only';
  const parts: string[] = [];
  if (p & VM_PROT_READ) parts.push('read');
  if (p & VM_PROT_WRITE) parts.push('write');
  if (p & VM_PROT_EXECUTE) parts.push('execute');
  return parts.join('/');
}

export function accessVerb(access: number): string {
  if (access & VM_PROT_WRITE) return 'writes';
  if (access & VM_PROT_EXECUTE) return 'fetches an instruction at';
  return 'reads';
}

export function accessNoun(access: number): string {
  if (access & VM_PROT_WRITE) return 'writing';
  if (access & VM_PROT_EXECUTE) return 'execution';
  return 'reading';
}

export function pagerWords(pager: string): string {
  return pager === DEFAULT_PAGER ? 'the default pager (swap)' : `pager ${pager}`;
}

export function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "0x1000, 0x2000, 0x3000" (at most 4, then "and N more") */
export function listOf(items: string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 4) return unique.join(', ');
  return `${unique.slice(0, 4).join(', ')} and ${unique.length - 4} more`;
}
