import type { AppRouter } from '@nodescope/api';
import type { inferRouterOutputs } from '@trpc/server';

type Outputs = inferRouterOutputs<AppRouter>;
export type NodeDetailData = Outputs['node']['get'];
export type NodePeersData = Outputs['node']['peers'];
