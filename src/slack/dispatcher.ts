/**
 * One dispatcher for the payloads the bot answers most: the slash command, block actions, view
 * submissions and closings, and options searches. Bolt runs every registered listener's middleware
 * chain for every request (two matcher steps per listener, dozens of promises per click); this looks the
 * handler up by its id in a map instead, as one global middleware, and hands it the same arguments Bolt
 * would. Anything it has no route for (events, custom steps, unknown ids) goes on to Bolt unchanged.
 */
import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  BlockAction,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewClosedAction,
  ViewSubmitAction,
} from '@slack/bolt';
import type { AppContext, BotApp } from './app-context.js';
import { describeRequest } from './request-context.js';

type Handler<Args> = (args: Args & AllMiddlewareArgs<AppContext>) => Promise<void>;

export type CommandHandler = Handler<SlackCommandMiddlewareArgs>;
export type ActionHandler<Action extends BlockAction = BlockAction> = Handler<
  SlackActionMiddlewareArgs<Action>
>;
export type SubmitHandler = Handler<SlackViewMiddlewareArgs<ViewSubmitAction>>;
export type ClosedHandler = Handler<SlackViewMiddlewareArgs<ViewClosedAction>>;
export type OptionsHandler = Handler<SlackOptionsMiddlewareArgs<'block_suggestion'>>;

/** Where a feature registers what it answers; each id has one handler (a second is a wiring mistake). */
export interface Routes {
  command(name: string, handler: CommandHandler): void;
  /** A button or select; a pattern for ids that carry a parameter (`list_page_next`). */
  action<Action extends BlockAction = BlockAction>(id: string | RegExp, handler: ActionHandler<Action>): void;
  view(callbackId: string, handler: SubmitHandler): void;
  viewClosed(callbackId: string, handler: ClosedHandler): void;
  options(actionId: string, handler: OptionsHandler): void;
  /** Rare payloads stay with Bolt, which gives them their own helpers (`complete`, `fail`, …). */
  readonly event: BotApp['event'];
  readonly function: BotApp['function'];
}

type AnyHandler = (args: never) => Promise<void>;

function put(map: Map<string, AnyHandler>, kind: string, id: string, handler: AnyHandler): void {
  if (map.has(id)) throw new Error(`two handlers for the ${kind} ${id}`);
  map.set(id, handler);
}

export function createDispatcher(app: BotApp): {
  readonly routes: Routes;
  readonly middleware: Middleware<AnyMiddlewareArgs, AppContext>;
  /** The slash commands routed (the manifests must declare exactly these). */
  commands(): string[];
} {
  const commands = new Map<string, AnyHandler>();
  const actions = new Map<string, AnyHandler>();
  const actionPatterns: [RegExp, AnyHandler][] = [];
  const submissions = new Map<string, AnyHandler>();
  const closings = new Map<string, AnyHandler>();
  const searches = new Map<string, AnyHandler>();

  /** The handler for a request, by the kind and id `describeRequest` reads (one reading of the body). */
  function routeOf(body: Record<string, unknown>): AnyHandler | undefined {
    const { kind, id, closed } = describeRequest(body);
    if (id === undefined) return undefined;
    switch (kind) {
      case 'command':
        return commands.get(id);
      case 'action':
        return actions.get(id) ?? actionPatterns.find(([pattern]) => pattern.test(id))?.[1];
      case 'view':
        return (closed ? closings : submissions).get(id);
      case 'options':
        return searches.get(id);
      default:
        return undefined;
    }
  }

  const routes: Routes = {
    command: (name, handler) => put(commands, 'command', name, handler as AnyHandler),
    action: (id, handler) => {
      if (typeof id === 'string') put(actions, 'action', id, handler as AnyHandler);
      else actionPatterns.push([id, handler as AnyHandler]);
    },
    view: (callbackId, handler) => put(submissions, 'view', callbackId, handler as AnyHandler),
    viewClosed: (callbackId, handler) => put(closings, 'closed view', callbackId, handler as AnyHandler),
    options: (actionId, handler) => put(searches, 'options search', actionId, handler as AnyHandler),
    event: app.event.bind(app),
    function: app.function.bind(app),
  };

  const middleware: Middleware<AnyMiddlewareArgs, AppContext> = async (args) => {
    const handler = routeOf(args.body as Record<string, unknown>);
    if (!handler) {
      await args.next();
      return;
    }
    // Exactly what Bolt hands a listener: the request's arguments with a no-op `next`.
    await (handler as (args: unknown) => Promise<void>)({ ...args, next: noop });
  };
  return { routes, middleware, commands: () => [...commands.keys()] };
}

const noop = async (): Promise<void> => undefined;
