// One entry per benchmark group; each group lives in its own file.
export const groups: Record<string, () => Promise<void>> = {};
