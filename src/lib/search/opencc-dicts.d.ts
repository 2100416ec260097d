/** opencc-js ships its dictionaries as untyped ES modules (`opencc-js/dict/<name>`): each exports one string. */
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
