export const greet = () => "hello from lib.js";
