export default (text) => ({});
