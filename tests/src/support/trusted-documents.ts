import { loadTrustedDocuments } from '@passerelles/gateway';
import { Kind, parse } from 'graphql';

let byName: Promise<Map<string, string>> | undefined;

/** The id (sha256) of the dashboard's trusted document that declares the operation `name`. */
export async function trustedDocument(name: string): Promise<string> {
  byName ??= loadTrustedDocuments().then(
    (documents) =>
      new Map(
        [...documents].flatMap(([id, text]) =>
          parse(text).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [[d.name.value, id] as const] : [])),
        ),
      ),
  );
  const id = (await byName).get(name);
  if (!id) throw new Error(`No trusted document declares the operation ${name}: run npm run compose.`);
  return id;
}
