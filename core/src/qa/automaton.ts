// Aho–Corasick over UTF-16 code units: every occurrence of every pattern in one pass over the text,
// whatever the number of patterns. The alphabet is compressed to the code units that occur in some
// pattern (a text code unit outside it sends the automaton back to the root), the root's transitions
// are a dense array (most steps start there), and other nodes keep their few edges sorted in flat
// typed arrays, so 5,000 phrases cost a few hundred kilobytes and no per-node objects.

export type OnPattern = (pattern: number, end: number) => void;

export class Automaton {
  /** Code unit -> alphabet class (0: in no pattern). */
  private readonly classOf = new Uint16Array(0x10000);
  private readonly rootNext: Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeClass: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  /** Patterns ending exactly at a node: outStart[node]..outStart[node + 1] in outList. */
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  /** Nearest node down the failure chain that has outputs (0: none). */
  private readonly dictLink: Int32Array;
  readonly nodeCount: number;

  constructor(patterns: readonly ArrayLike<number>[]) {
    let classes = 0;
    for (const p of patterns) {
      for (let i = 0; i < p.length; i++) {
        const c = p[i] as number;
        if (this.classOf[c] === 0) this.classOf[c] = ++classes;
      }
    }
    // Build as a Map trie first; it is compacted below.
    const children: Map<number, number>[] = [new Map()];
    const ends: number[][] = [[]];
    patterns.forEach((p, id) => {
      if (p.length === 0) throw new Error(`automaton: pattern ${id} is empty`);
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const cls = this.classOf[p[i] as number] as number;
        const map = children[node] as Map<number, number>;
        let next = map.get(cls);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          ends.push([]);
          map.set(cls, next);
        }
        node = next;
      }
      (ends[node] as number[]).push(id);
    });
    const n = children.length;
    this.nodeCount = n;
    this.rootNext = new Int32Array(classes + 1);
    for (const [cls, target] of children[0] as Map<number, number>) this.rootNext[cls] = target;
    this.edgeStart = new Int32Array(n + 1);
    let edges = 0;
    for (let v = 0; v < n; v++) {
      this.edgeStart[v] = edges;
      edges += (children[v] as Map<number, number>).size;
    }
    this.edgeStart[n] = edges;
    this.edgeClass = new Uint16Array(edges);
    this.edgeTarget = new Int32Array(edges);
    for (let v = 0; v < n; v++) {
      const sorted = [...(children[v] as Map<number, number>)].sort((a, b) => a[0] - b[0]);
      let at = this.edgeStart[v] as number;
      for (const [cls, target] of sorted) {
        this.edgeClass[at] = cls;
        this.edgeTarget[at] = target;
        at++;
      }
    }
    this.outStart = new Int32Array(n + 1);
    let outs = 0;
    for (let v = 0; v < n; v++) {
      this.outStart[v] = outs;
      outs += (ends[v] as number[]).length;
    }
    this.outStart[n] = outs;
    this.outList = new Int32Array(outs);
    for (let v = 0; v < n; v++) this.outList.set(ends[v] as number[], this.outStart[v] as number);
    this.fail = new Int32Array(n);
    this.dictLink = new Int32Array(n);
    this.linkFailures(children);
  }

  /** Breadth-first, so a node's failure target (shorter) is always finished before it. */
  private linkFailures(children: readonly Map<number, number>[]): void {
    const queue: number[] = [...(children[0] as Map<number, number>).values()];
    for (let head = 0; head < queue.length; head++) {
      const u = queue[head] as number;
      for (const [cls, v] of children[u] as Map<number, number>) {
        let f = this.fail[u] as number;
        let target = this.step(f, cls);
        while (target < 0 && f !== 0) {
          f = this.fail[f] as number;
          target = this.step(f, cls);
        }
        const fv = Math.max(0, target);
        this.fail[v] = fv;
        this.dictLink[v] = this.hasOutputs(fv) ? fv : (this.dictLink[fv] as number);
        queue.push(v);
      }
    }
  }

  private hasOutputs(node: number): boolean {
    return (this.outStart[node + 1] as number) > (this.outStart[node] as number);
  }

  /** The child of `node` on `cls`, or -1 (the root answers 0 for "stay at root"). */
  private step(node: number, cls: number): number {
    if (node === 0) return this.rootNext[cls] as number;
    let lo = this.edgeStart[node] as number;
    let hi = (this.edgeStart[node + 1] as number) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.edgeClass[mid] as number;
      if (c === cls) return this.edgeTarget[mid] as number;
      if (c < cls) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Reports (pattern id, end index exclusive) for every occurrence, overlapping ones included. */
  scan(codes: Uint16Array, length: number, onPattern: OnPattern): void {
    const { classOf, fail, outStart, outList, dictLink } = this;
    let state = 0;
    for (let i = 0; i < length; i++) {
      const cls = classOf[codes[i] as number] as number;
      if (cls === 0) {
        state = 0;
        continue;
      }
      let next = this.step(state, cls);
      while (next < 0) {
        state = fail[state] as number;
        next = this.step(state, cls);
      }
      state = next;
      if (state === 0) continue;
      let node =
        (outStart[state + 1] as number) > (outStart[state] as number) ? state : (dictLink[state] as number);
      while (node !== 0) {
        for (let k = outStart[node] as number; k < (outStart[node + 1] as number); k++) {
          onPattern(outList[k] as number, i + 1);
        }
        node = dictLink[node] as number;
      }
    }
  }
}
