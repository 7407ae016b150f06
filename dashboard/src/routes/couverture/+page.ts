import { departmentMap } from '#lib/geo/maps.ts';
import type { PageLoad } from './$types';

/**
 * Adds the Département's map to the server's data, on the server (for the first render) and in
 * the browser (from its own module, cached): the 887 communes' paths of the Pas-de-Calais never
 * travel inside the page's serialized data.
 */
export const load: PageLoad = async ({ data }) => ({ ...data, map: await departmentMap(data.departmentCode) });
