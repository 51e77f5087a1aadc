/**
 * What macOS's /bin/bash 3.2 and BSD tools lack, as line rules over a shell script (STYLE.md habit 9): the
 * scripts a user runs on a laptop must not use them. A rule matches code, not comments (a line whose first
 * non-blank character is #). Each rule says why and what to use instead.
 */

/** One rule: a pattern, and the message a match gets. */
interface Rule {
  pattern: RegExp;
  message: string;
}

const rules: Rule[] = [
  {
    pattern: /\binherit_errexit\b/,
    message: 'inherit_errexit is bash 4.4: check `x=$(cmd) || ...` explicitly',
  },
  { pattern: /\b(mapfile|readarray)\b/, message: 'mapfile/readarray are bash 4: use `while read -r` loops' },
  {
    pattern: /\b(declare|local|typeset)\s+(-\w*[AnglLu]\w*)\b/,
    message: 'declare -A/-n/-g/-l/-u are bash 4: use plain variables, case, or eval for indirection',
  },
  {
    pattern: /\$\{[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?(,,?|\^\^?)\}/,
    message: '${x,,} / ${x^^} case changes are bash 4: use tr',
  },
  { pattern: /\$\{[^}]*@[QEPAKaUuLk]\}/, message: '${x@Q} transformations are bash 4.4+' },
  { pattern: /(^|[;&|\s])coproc\s/, message: 'coproc is bash 4' },
  { pattern: /\|&/, message: '|& is bash 4: use 2>&1 |' },
  { pattern: /&>>/, message: '&>> is bash 4: use >>file 2>&1' },
  { pattern: /;;&|;&\s*$/, message: 'case fall-through (;& and ;;&) is bash 4' },
  { pattern: /\bwait\s+-n\b/, message: 'wait -n is bash 4.3' },
  { pattern: /(\[\[|\btest|\[)\s+-v\s/, message: '-v (variable is set) is bash 4.2: use ${x+set}' },
  { pattern: /\{[A-Za-z_][A-Za-z0-9_]*\}[<>]/, message: '{fd}> descriptor allocation is bash 4.1' },
  { pattern: /\$\{[A-Za-z_][A-Za-z0-9_]*\[-[0-9]+\]\}/, message: 'negative array subscripts are bash 4.3' },
  {
    pattern: /\$\{?(EPOCHSECONDS|EPOCHREALTIME|BASHPID)\b/,
    message: 'EPOCHSECONDS/EPOCHREALTIME/BASHPID are bash 4+',
  },
  { pattern: /%\([^)]*\)T/, message: "printf '%(...)T' is bash 4.2: use date" },
  {
    pattern: /\bshopt\s+-s\s+(globstar|lastpipe|autocd|checkjobs|dirspell|direxpand|globasciiranges)\b/,
    message: 'this shopt option is bash 4',
  },
  {
    pattern: /\bsed\s+(-[a-zA-Z]*\s+)*-i\b/,
    message: 'sed -i differs on BSD sed (needs a suffix): write a new file',
  },
  { pattern: /\bsed\b.*\\s/, message: '\\s in sed is GNU: use [[:space:]]' },
  { pattern: /\breadlink\s+-f\b/, message: 'readlink -f is GNU (macOS 12 and older): use cd and pwd' },
  {
    pattern: /\bbase64\s+(-d|--decode)\b/,
    message: 'base64 -d is -D on older macOS: decode with kubectl go-template base64decode',
  },
  { pattern: /\bgrep\s+(-[a-zA-Z]*P|--perl-regexp)/, message: 'grep -P is GNU: use -E' },
  { pattern: /\bdate\s+(-d|--date)\b/, message: 'date -d is GNU (BSD date uses -j -f)' },
  {
    pattern: /\bpaste\s+-s(?!.*\s-(\s|<|$))/,
    message: 'BSD paste -s needs a file operand (-): use tr',
  },
  { pattern: /\bstat\s+-c\b/, message: 'stat -c is GNU (BSD stat uses -f)' },
  { pattern: /\bxargs\s+(-[a-zA-Z]*r|--no-run-if-empty)/, message: 'xargs -r is GNU' },
  { pattern: /-printf\b/, message: 'find -printf is GNU' },
  {
    pattern: /(^|[;&|(]\s*|\s)(timeout|realpath|nproc|tac)\s/,
    message: 'timeout/realpath/nproc/tac are not on every macOS',
  },
];

/** A finding: file:line, the rule's message, and the line. */
export interface Finding {
  line: number;
  message: string;
  text: string;
}

/**
 * An array expanded while it may be empty: "${a[@]}" of an array assigned `a=()` fails under `set -u` in bash 3.2
 * ("unbound variable"). Use ${a[@]+"${a[@]}"}, or an array that always has an element.
 */
function emptyArrayFindings(lines: string[]): Finding[] {
  const empty = new Set<string>();
  for (const line of lines) {
    for (const match of line.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)=\(\)/g)) empty.add(match[1]!);
  }
  const findings: Finding[] = [];
  lines.forEach((text, index) => {
    if (/^\s*#/.test(text)) return;
    for (const name of empty) {
      const guarded = new RegExp(`\\$\\{${name}\\[[@*]\\]\\+"\\$\\{${name}\\[[@*]\\]\\}"\\}`, 'g');
      if (new RegExp(`\\$\\{${name}\\[[@*]\\]\\}`).test(text.replace(guarded, ''))) {
        findings.push({
          line: index + 1,
          message: `\${${name}[@]} of an array that starts empty fails under set -u in bash 3.2: write \${${name}[@]+"\${${name}[@]}"}`,
          text: text.trim(),
        });
      }
    }
  });
  return findings;
}

/** The bash 4 and GNU-only constructs in a script's text. */
export function bash4Findings(script: string): Finding[] {
  const lines = script.split('\n');
  const findings: Finding[] = [];
  lines.forEach((text, index) => {
    if (/^\s*#/.test(text)) return;
    for (const rule of rules) {
      if (rule.pattern.test(text))
        findings.push({ line: index + 1, message: rule.message, text: text.trim() });
    }
  });
  return [...findings, ...emptyArrayFindings(lines)].sort((a, b) => a.line - b.line);
}
