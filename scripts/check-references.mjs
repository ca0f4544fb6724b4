// Part of `npm run lint`: the repository must stand on its own. Fails on a path outside it (the
// sibling "shared" folder), on a bare name of a design document that is not in it, and on a
// reference to a tracker number. Comments say the fact or point to docs/.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./lib.mjs";

const RULES = [
  { name: "a path outside the repository", pattern: new RegExp(String.raw`\.\./${"shared"}\b`) },
  {
    name: "a document that is not in the repository (see docs/)",
    pattern: new RegExp(String.raw`\b(${["HYPERV", "DESIGN", "STACK"].join("|")})\.md\b`),
  },
  {
    name: "a tracker number (say the fact instead)",
    pattern: new RegExp(String.raw`\b${"issue"}\s+#?\d+`, "i"),
  },
];
const BINARY = /\.(png|jpe?g|gif|ico|webp|woff2?|db)$/i;
const SKIP = new Set(["package-lock.json"]);

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], {
  cwd: ROOT,
  encoding: "utf8",
})
  .split("\0")
  .filter((file) => file && !BINARY.test(file) && !SKIP.has(path.basename(file)));

const problems = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(path.join(ROOT, file), "utf8");
  } catch {
    continue; // deleted in the work tree but still in the index
  }
  text.split("\n").forEach((line, i) => {
    for (const rule of RULES) {
      if (rule.pattern.test(line)) problems.push(`${file}:${i + 1}: ${rule.name}\n    ${line.trim()}`);
    }
  });
}

if (problems.length > 0) {
  console.error(
    `references: ${problems.length} line(s) point outside the repository:\n${problems.join("\n")}`,
  );
  process.exit(1);
}
console.log(`references: ${files.length} files stand on their own`);
