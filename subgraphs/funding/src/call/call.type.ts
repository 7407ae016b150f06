import { Field, ID, ObjectType } from 'type-graphql';
import { ProgrammeType } from '../programme/programme.type.js';

@ObjectType('CallSession', { description: 'An application window of a call for projects.' })
export class CallSessionType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'First day applications are accepted (ISO).' })
  opensOn!: string;

  @Field(() => String, { description: 'Last day applications are accepted (ISO).' })
  closesOn!: string;

  @Field(() => Boolean, { description: 'Open only to projects for zones no convention covers yet.' })
  uncoveredZonesOnly!: boolean;
}

@ObjectType('CallForProjects', { description: 'A call for projects (« appel à projets ») of a programme, with its sessions.' })
export class CallForProjectsType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ProgrammeType)
  programme!: ProgrammeType;

  @Field(() => [CallSessionType], { description: 'Sessions, by opening date.' })
  sessions!: CallSessionType[];
}
