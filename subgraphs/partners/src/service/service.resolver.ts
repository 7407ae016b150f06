import { Can, MutationError, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { communeByCode } from '../commune/commune.service.js';
import { CommuneType } from '../commune/commune.type.js';
import { isOpenAt } from '../directory/hours.js';
import { partnerById } from '../partner/partner.service.js';
import { PartnerType } from '../partner/partner.type.js';
import { PermanenceType } from '../permanence/permanence.type.js';
import { DirectorySearchArgs, ServiceCapacityInput, ServiceInput } from './service.input.js';
import {
  archiveService,
  createService,
  permanencesOfService,
  searchServices,
  serviceById,
  updateService,
  updateServiceCapacity,
  type ServiceMutationResult,
} from './service.service.js';
import { ServiceSearchConnection, ServiceSearchEdge, ServiceType } from './service.type.js';

@ObjectType('ServiceResult', { description: 'Outcome of a service mutation: the service, or why it was refused.' })
export class ServiceResultType {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => MutationError, { nullable: true, description: 'Why the change was refused.' })
  error!: MutationError | null;

  @Field(() => ServiceType, { nullable: true })
  service!: ServiceType | null;
}

const toResult = (r: ServiceMutationResult): ServiceResultType =>
  Object.assign(new ServiceResultType(), { ok: r.ok, error: r.error, service: r.service ? ServiceType.from(r.service) : null });

@Resolver(() => ServiceType)
export class ServiceResolver {
  @Query(() => ServiceType, { nullable: true, description: "A service of the caller's Département." })
  async service(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<ServiceType | null> {
    const service = await serviceById(ctx, id);
    return service ? ServiceType.from(service) : null;
  }

  @Query(() => ServiceSearchConnection, {
    description:
      'The directory search for référents: French full text (accents, case and typos ignored), filters, eligibility for a commune, distance order. Pages are stable.',
  })
  async searchServices(@Ctx() ctx: SubgraphContext, @Args(() => DirectorySearchArgs) args: DirectorySearchArgs): Promise<ServiceSearchConnection> {
    const result = await searchServices(ctx, args);
    const edges = result.edges.map((e) =>
      Object.assign(new ServiceSearchEdge(), { service: ServiceType.from(e.service), partnerId: e.partnerId, distanceKm: e.distanceKm, rank: e.rank, cursor: e.cursor }),
    );
    return Object.assign(new ServiceSearchConnection(), { edges, nodes: edges, pageInfo: result.pageInfo });
  }

  @FieldResolver(() => PartnerType, { nullable: true, description: 'The structure offering the service.' })
  async partner(@Root() service: ServiceType, @Ctx() ctx: SubgraphContext): Promise<PartnerType | null> {
    const partner = await partnerById(ctx, service.partnerId);
    return partner ? PartnerType.from(partner) : null;
  }

  @FieldResolver(() => CommuneType, { nullable: true, description: 'The commune where it is held: its own, else its structure’s.' })
  async commune(@Root() service: ServiceType, @Ctx() ctx: SubgraphContext): Promise<CommuneType | null> {
    const code = service.communeCode ?? (await partnerById(ctx, service.partnerId))?.communeCode;
    const commune = code ? await communeByCode(ctx, code) : null;
    return commune ? CommuneType.from(commune) : null;
  }

  @FieldResolver(() => [PermanenceType], { description: 'Where and when the service is also held.' })
  async permanences(@Root() service: ServiceType, @Ctx() ctx: SubgraphContext): Promise<PermanenceType[]> {
    return (await permanencesOfService(ctx, service.id)).map((p) => PermanenceType.from(p));
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Open now (Paris time), from its own hours or else its structure’s; null if unknown.' })
  async openNow(@Root() service: ServiceType, @Ctx() ctx: SubgraphContext): Promise<boolean | null> {
    if (service.hours) return isOpenAt(service.hours, new Date());
    const partner = await partnerById(ctx, service.partnerId);
    return isOpenAt(partner?.openingHours, new Date());
  }

  @Mutation(() => ServiceResultType, { description: 'Adds a service to a structure (ADMIN).' })
  @Can('listing:create')
  async createService(
    @Ctx() ctx: SubgraphContext,
    @Arg('partnerId', () => ID) partnerId: string,
    @Arg('input', () => ServiceInput) input: ServiceInput,
  ): Promise<ServiceResultType> {
    return toResult(await createService(ctx, partnerId, input));
  }

  @Mutation(() => ServiceResultType, { description: "Updates a service (ADMIN, or the structure's own operator)." })
  @Can('listing:edit')
  async updateService(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string, @Arg('input', () => ServiceInput) input: ServiceInput): Promise<ServiceResultType> {
    return toResult(await updateService(ctx, id, input));
  }

  @Mutation(() => ServiceResultType, { description: 'Archives a service (ADMIN).' })
  @Can('listing:archive')
  async archiveService(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<ServiceResultType> {
    return toResult(await archiveService(ctx, id));
  }

  @Mutation(() => ServiceResultType, { description: "Updates a service's capacity (ADMIN, or the structure's own operator)." })
  @Can('capacity:update')
  async updateServiceCapacity(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('capacity', () => ServiceCapacityInput) capacity: ServiceCapacityInput,
  ): Promise<ServiceResultType> {
    return toResult(await updateServiceCapacity(ctx, id, capacity));
  }
}

@Resolver(() => ServiceSearchEdge)
export class ServiceSearchEdgeResolver {
  @FieldResolver(() => PartnerType, { description: 'The structure offering the service.' })
  async partner(@Root() edge: ServiceSearchEdge, @Ctx() ctx: SubgraphContext): Promise<PartnerType> {
    const partner = await partnerById(ctx, edge.partnerId);
    if (!partner) throw new Error(`Partner ${edge.partnerId} of a search result is missing`);
    return PartnerType.from(partner);
  }
}
