// Module resolve hook: the bare specifier `electron` (what the built main process imports) is the stand-in.
const standIn = new URL('./electron.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: standIn, shortCircuit: true, format: 'module' };
  return next(specifier, context);
}
