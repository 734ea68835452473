/** Money vocabulary shared by figures, tables and allocation data. */
import { z } from "zod";

/** Styringsområde: the spending area an amount belongs to. */
export const AREAS = ["service", "indsats", "overførsler", "anlæg"] as const;
export const AreaSchema = z.enum(AREAS);
export type Area = z.infer<typeof AreaSchema>;

/** The unit an amount was written in. */
export const MONEY_UNITS = ["kr.", "1.000 kr.", "mio. kr.", "mia. kr."] as const;
export const MoneyUnitSchema = z.enum(MONEY_UNITS);
export type MoneyUnit = z.infer<typeof MoneyUnitSchema>;

/** Whether an amount is per year ("årligt") or a total over its period ("samlet", "i alt"). */
export const BASES = ["per_year", "total", "unspecified"] as const;
export const BasisSchema = z.enum(BASES);
export type Basis = z.infer<typeof BasisSchema>;

/** Price and wage level: a p/l year, or "løbende" (current prices). */
export const PriceLevelSchema = z.union([
  z.number().int().min(1990).max(2100),
  z.literal("løbende"),
]);
export type PriceLevel = z.infer<typeof PriceLevelSchema>;
