export const today = () => new Date(0).toISOString().slice(0, 10);
