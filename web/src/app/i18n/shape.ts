/** The shape a translation must fill: the same keys as the German source, any strings. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
