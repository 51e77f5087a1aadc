/**
 * Just enough of the Dockerfile format to check the images without Docker: instructions (continuation lines
 * joined, comments dropped), stages, ARG defaults, and the sources of COPY; and .dockerignore patterns.
 * https://docs.docker.com/reference/dockerfile/ and https://docs.docker.com/build/concepts/context/#dockerignore-files
 */
import { readFileSync } from 'node:fs';

/** One instruction, e.g. { keyword: 'COPY', args: '--from=build /a /b' }. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** A build stage: its FROM reference as written, its name, and its instructions after FROM. */
export interface Stage {
  from: string;
  name: string | undefined;
  body: Instruction[];
}

export interface Dockerfile {
  /** ARG defaults declared before the first FROM (the only ones FROM may use). */
  globalArgs: Record<string, string>;
  stages: Stage[];
}

function instructions(text: string): Instruction[] {
  const result: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    // Docker drops comment lines, also inside an instruction continued with a backslash.
    if (/^\s*#/.test(raw)) continue;
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    if (!full) continue;
    const [keyword = '', ...rest] = full.split(/\s+/);
    result.push({ keyword: keyword.toUpperCase(), args: rest.join(' ') });
  }
  return result;
}

/** Parses a Dockerfile from disk. */
export function readDockerfile(file: string): Dockerfile {
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const instruction of instructions(readFileSync(file, 'utf8'))) {
    if (instruction.keyword === 'FROM') {
      const [from = '', as, name] = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, body: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') continue;
      const [key = '', value = ''] = instruction.args.split('=', 2);
      globalArgs[key] = value;
    } else {
      stages.at(-1)?.body.push(instruction);
    }
  }
  return { globalArgs, stages };
}

/** `${NAME}` and `$NAME` replaced by the values given; unknown names are left as they are. */
export function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced?: string, bare?: string) => {
    const value = values[(braced ?? bare) as string];
    return value ?? whole;
  });
}

/** The source paths of a COPY or ADD taken from the build context (not --from another stage). */
export function contextSources(instruction: Instruction): string[] {
  const words = instruction.args.split(/\s+/);
  if (words.some((w) => w.startsWith('--from='))) return [];
  const paths = words.filter((w) => !w.startsWith('--'));
  return paths.slice(0, -1);
}

/** The destination of a COPY or ADD. */
export function destination(instruction: Instruction): string {
  return instruction.args.split(/\s+/).at(-1) ?? '';
}

/** A matcher for the patterns of a .dockerignore file (no `!` exceptions are used in this repository). */
export function dockerignore(text: string): (path: string) => boolean {
  const patterns = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((pattern) => {
      if (pattern.startsWith('!')) throw new Error(`exceptions are not supported here: ${pattern}`);
      const source = pattern
        .replace(/^\/+|\/+$/g, '')
        .split('/')
        .map((part) =>
          part === '**'
            ? '(?:.*/)?'
            : `${part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]')}/`,
        )
        .join('');
      // A pattern that names a folder excludes everything under it.
      return new RegExp(`^${source.replace(/\/$/, '')}(?:/.*)?$`);
    });
  return (path) => patterns.some((pattern) => pattern.test(path.replace(/^\.\/|\/$/g, '')));
}
