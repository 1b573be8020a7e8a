/**
 * GraphQL answers as they travel: the object types GraphQL Code Generator makes
 * of the SDL (services/api/graphql/generated/types.ts, the types the resolvers
 * are checked against), for clients such as the CLI. Type-only: importing this
 * pulls in no server code (no Fastify, no graphql runtime).
 */
export type {
  Advisory, AffectedProduct, Component, ComponentKind, DocumentRef, GraphNode, Model, ModelSignature, PageInfo, ReachedComponent, Sbom, SeverityLevel,
  SignatureTrust, SignerIdentity, VexStatement, VexStatus, VulnerabilityFinding,
} from '../api/graphql/generated/types.js';

/**
 * The fields `K` of GraphQL object type `T` as an answer that selects them
 * carries them: always present, `null` where the SDL allows null. Object-typed
 * fields are left to the caller, who gives their own selection.
 */
export type Selected<T, K extends keyof T> = { [P in K]-?: Exclude<T[P], undefined> };
