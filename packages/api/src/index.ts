export { type AppRouter, appRouter } from './router.ts';
export { type Context, createContext } from './trpc.ts';
