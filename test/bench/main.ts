// `npm run bench [-- GROUP...]`: runs benchmark groups (all when none is named) and prints,
// among their own lines, `figure NAME VALUE UNIT` lines. Benchmarks are not tests: they
// assert nothing about time.
import { groups } from './groups.js';

const wanted = process.argv.slice(2);
const unknown = wanted.filter((g) => !(g in groups));
if (unknown.length) {
  console.error(`bench: unknown group(s) ${unknown.join(', ')}; known: ${Object.keys(groups).join(', ')}`);
  process.exit(1);
}
for (const name of wanted.length ? wanted : Object.keys(groups)) {
  console.log(`# bench ${name}`);
  await groups[name]!();
}
