export const stars = (n) => "*".repeat(n);
