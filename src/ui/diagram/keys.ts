/**
 * keys: the names of the diagram's elements (task:1, entry:7, object:3, page:3:4096, frame:5,
 * tlb:2, pager:F, pager:default). The layout, the path computation and the component's
 * data-key attributes all use these, so a path is just a set of them.
 */
export const keys = {
  task: (id: number) => `task:${id}`,
  entry: (id: number) => `entry:${id}`,
  object: (id: number) => `object:${id}`,
  page: (object: number, offset: number) => `page:${object}:${offset}`,
  frame: (n: number) => `frame:${n}`,
  tlb: (index: number) => `tlb:${index}`,
  pager: (name: string | null) => (name === null ? 'pager:default' : `pager:${name}`),
};
