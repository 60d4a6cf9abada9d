// jStat ships no declarations: the one function Relance uses.
declare module 'jstat' {
  const jStat: {
    studentt: {
      /** The quantile of Student's t distribution with `dof` degrees of freedom at probability `p`. */
      inv(p: number, dof: number): number;
    };
  };
  export default jStat;
}
