/**
 * Everything the fake workspace remembers: the directory (users, user groups, channels), messages, views,
 * trigger ids, response_urls and custom step executions.
 */
import { Directory } from './directory.js';
import { FunctionExecutions } from './function-executions.js';
import { MessageStore } from './message-store.js';
import { ResponseUrls } from './response-urls.js';
import { TriggerRegistry } from './triggers.js';
import { ViewStore } from './view-store.js';

/** The fake's state, shared by the method handlers and the test-facing API. */
export class FakeSlackState {
  readonly directory = new Directory();
  readonly messages = new MessageStore();
  readonly views = new ViewStore();
  readonly triggers = new TriggerRegistry();
  readonly responseUrls = new ResponseUrls(this.messages);
  readonly executions = new FunctionExecutions();
  /** `ws://…` of an attached fake Socket Mode server, answered by `apps.connections.open`. */
  socketModeUrl: string | undefined;

  /** Forgets messages, views, triggers, response_urls and executions; keeps users, groups and channels. */
  resetActivity(): void {
    this.messages.clear();
    this.views.clearAll();
    this.triggers.clear();
    this.responseUrls.clear();
    this.executions.clear();
  }
}
