// Parses TypeScript files with the TypeScript compiler's parser and prints, per file, its syntax
// errors and the node kinds of each top-level statement (comments, names and literal text left
// out). Usage: node shape.js <typescript module folder> <file>...
// Output lines: "FILE <path>", "ERROR <message>", "DECL <kinds>".
"use strict";
const fs = require("fs");
const ts = require(process.argv[2]);

const oneLine = (text) => text.split(/\s+/).filter(Boolean).join(" ");

function kinds(node) {
  const seen = [];
  const visit = (child) => {
    seen.push(ts.SyntaxKind[child.kind]);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return seen.join(" ");
}

const out = [];
for (const path of process.argv.slice(3)) {
  out.push(`FILE ${path}`);
  const text = fs.readFileSync(path, "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  for (const diagnostic of source.parseDiagnostics) {
    const { line } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
    out.push(`ERROR ${line + 1}: ${oneLine(message)}`);
  }
  for (const statement of source.statements) {
    out.push(`DECL ${kinds(statement)}`);
  }
}
process.stdout.write(out.join("\n") + "\n");
