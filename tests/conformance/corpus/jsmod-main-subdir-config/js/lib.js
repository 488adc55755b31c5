export const greet = (name) => `hello ${name} from lib.js`;
