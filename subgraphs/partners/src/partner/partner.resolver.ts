import { Can, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { communeByCode } from '../commune/commune.service.js';
import { CommuneType } from '../commune/commune.type.js';
import { isOpenAt } from '../directory/hours.js';
import { PermanenceType } from '../permanence/permanence.type.js';
import { DirectorySearchArgs } from '../service/service.input.js';
import { permanencesOfService, serviceById, servicesOfPartner } from '../service/service.service.js';
import { ServiceType } from '../service/service.type.js';
import { PartnerInput } from './partner.input.js';
import { archivePartner, createPartner, listPartners, mayEditIdentity, mayEditListing, partnerById, searchPartners, staleListings, updatePartner, type PartnerMutationResult } from './partner.service.js';
import { PartnerCapacityType, PartnerConnection, PartnerResultType, PartnerSearchConnection, PartnerSearchEdge, PartnerType } from './partner.type.js';

const toResult = (r: PartnerMutationResult): PartnerResultType =>
  Object.assign(new PartnerResultType(), { ok: r.ok, error: r.error, partner: r.partner ? PartnerType.from(r.partner) : null });

@Resolver(() => PartnerType)
export class PartnerResolver {
  @Query(() => PartnerType, { nullable: true, description: "A partner structure of the caller's Département." })
  async partner(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<PartnerType | null> {
    const partner = await partnerById(ctx, id);
    return partner ? PartnerType.from(partner) : null;
  }

  @Query(() => PartnerConnection, { description: "Partner structures of the caller's Département, in name order." })
  async partners(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<PartnerConnection> {
    const page = await listPartners(ctx, first, after);
    return Object.assign(new PartnerConnection(), { ...page, nodes: page.nodes.map((p) => PartnerType.from(p)) });
  }

  @Query(() => PartnerSearchConnection, {
    description:
      'The directory search by structure: the criteria of `searchServices`, one result per structure with its matching services. Without a criterion about services, structures whose own name or description matches are found too.',
  })
  async searchPartners(@Ctx() ctx: SubgraphContext, @Args(() => DirectorySearchArgs) args: DirectorySearchArgs): Promise<PartnerSearchConnection> {
    const result = await searchPartners(ctx, args);
    const edges = result.edges.map((e) =>
      Object.assign(new PartnerSearchEdge(), { partner: PartnerType.from(e.partner), serviceIds: e.serviceIds, distanceKm: e.distanceKm, rank: e.rank, cursor: e.cursor }),
    );
    return Object.assign(new PartnerSearchConnection(), { edges, nodes: edges, pageInfo: result.pageInfo, totalCount: result.totalCount });
  }

  @Query(() => [PartnerType], { description: 'Live listings not updated for 6 months, oldest first (ADMIN).' })
  @Can('listing:review')
  async staleListings(@Ctx() ctx: SubgraphContext): Promise<PartnerType[]> {
    return (await staleListings(ctx)).map((p) => PartnerType.from(p));
  }

  @FieldResolver(() => CommuneType, { nullable: true, description: 'The commune where the structure is.' })
  async commune(@Root() partner: PartnerType, @Ctx() ctx: SubgraphContext): Promise<CommuneType | null> {
    const commune = await communeByCode(ctx, partner.communeCode);
    return commune ? CommuneType.from(commune) : null;
  }

  @FieldResolver(() => [ServiceType], { description: 'Its live services, by name.' })
  async services(@Root() partner: PartnerType, @Ctx() ctx: SubgraphContext): Promise<ServiceType[]> {
    return (await servicesOfPartner(ctx, partner.id)).map((s) => ServiceType.from(s));
  }

  @FieldResolver(() => [PermanenceType], { description: 'Permanences of all its live services.' })
  async permanences(@Root() partner: PartnerType, @Ctx() ctx: SubgraphContext): Promise<PermanenceType[]> {
    const services = await servicesOfPartner(ctx, partner.id);
    const lists = await Promise.all(services.map((s) => permanencesOfService(ctx, s.id)));
    return lists.flat().map((p) => PermanenceType.from(p));
  }

  @FieldResolver(() => PartnerCapacityType, { description: 'Capacity summed over its live services.' })
  async capacity(@Root() partner: PartnerType, @Ctx() ctx: SubgraphContext): Promise<PartnerCapacityType> {
    const services = await servicesOfPartner(ctx, partner.id);
    const sum = (values: (number | null)[]): number | null => {
      const known = values.filter((v): v is number => v !== null);
      return known.length > 0 ? known.reduce((a, b) => a + b, 0) : null;
    };
    const waits = services.map((s) => s.capacityWaitingDays ?? null).filter((v): v is number => v !== null);
    return Object.assign(new PartnerCapacityType(), {
      fte: sum(services.map((s) => (s.capacityFte === null || s.capacityFte === undefined ? null : Number(s.capacityFte)))),
      places: sum(services.map((s) => s.capacityPlaces ?? null)),
      shortestWaitingDays: waits.length > 0 ? Math.min(...waits) : null,
    });
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Open now (Paris time) by its hours; null when it has none.' })
  openNow(@Root() partner: PartnerType): boolean | null {
    return isOpenAt(partner.hours, new Date());
  }

  @FieldResolver(() => Boolean, {
    description: "Whether the caller may edit this listing (contacts, address, hours, accessibility, places): the access catalogue's `listing:edit` — ADMIN, or the structure's own operator. Screens show the edit form from it.",
  })
  viewerCanEdit(@Root() partner: PartnerType, @Ctx() ctx: SubgraphContext): boolean {
    return mayEditListing(ctx.caller, partner);
  }

  @FieldResolver(() => Boolean, {
    description:
      "Whether the caller may also change this listing's identity, which the Département vouches for (name, kind, SIRET, networks, commune): the access catalogue's `listing:editIdentity` — ADMIN only. Without it, `updatePartner` refuses a changed identity field (IDENTITY_FIELD_NOT_EDITABLE); screens show those fields read-only from it.",
  })
  viewerCanEditIdentity(@Root() partner: PartnerType, @Ctx() ctx: SubgraphContext): boolean {
    return mayEditIdentity(ctx.caller, partner);
  }

  @Mutation(() => PartnerResultType, { description: "Creates a structure listing in the caller's Département (ADMIN)." })
  @Can('listing:create')
  async createPartner(@Ctx() ctx: SubgraphContext, @Arg('input', () => PartnerInput) input: PartnerInput): Promise<PartnerResultType> {
    return toResult(await createPartner(ctx, input));
  }

  @Mutation(() => PartnerResultType, {
    description:
      "Updates a structure listing (ADMIN, or the structure's own operator). A caller without `Partner.viewerCanEditIdentity` may send the identity fields (name, kind, siret, networks, communeCode) only unchanged: a changed one is refused with IDENTITY_FIELD_NOT_EDITABLE and nothing is written.",
  })
  @Can('listing:edit')
  async updatePartner(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string, @Arg('input', () => PartnerInput) input: PartnerInput): Promise<PartnerResultType> {
    return toResult(await updatePartner(ctx, id, input));
  }

  @Mutation(() => PartnerResultType, { description: 'Archives a structure listing (ADMIN).' })
  @Can('listing:archive')
  async archivePartner(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<PartnerResultType> {
    return toResult(await archivePartner(ctx, id));
  }
}

@Resolver(() => PartnerSearchEdge)
export class PartnerSearchEdgeResolver {
  @FieldResolver(() => [ServiceType], { description: 'Its live services that match the search, best first; empty when the structure matched by its own name or description.' })
  async services(@Root() edge: PartnerSearchEdge, @Ctx() ctx: SubgraphContext): Promise<ServiceType[]> {
    const services = await Promise.all(edge.serviceIds.map((id) => serviceById(ctx, id)));
    return services.flatMap((s) => (s ? [ServiceType.from(s)] : []));
  }
}
