/** The shapes the page reads from the playground server (see src/playground/page-state.ts). */

export type Json = Record<string, unknown>;

export interface Persona {
  id: string;
  handle: string;
  name: string;
  role: string;
  rights: string;
}

export interface PageMessage {
  channel: string;
  ts: string;
  user: string;
  text: string;
  blocks: Json[];
  edited: boolean;
  ephemeral: boolean;
}

export interface View extends Json {
  id: string;
  type: string;
  hash: string;
  blocks: Json[];
  title?: { text?: string } | null;
  submit?: { text?: string } | null;
  close?: { text?: string } | null;
  notify_on_close?: boolean;
}

export interface Names {
  users: Record<string, string>;
  channels: Record<string, string>;
  groups: Record<string, string>;
}

export interface PageState {
  version: number;
  me: string;
  personas: Persona[];
  bot: { id: string; name: string };
  /** Senders that are apps, shown with an APP badge. */
  apps: string[];
  channels: Array<{ id: string; name: string; purpose: string }>;
  dm: string;
  names: Names;
  commands: Array<{ name: string; usage: string; summary: string }>;
  channel: string;
  messages: PageMessage[];
  modal: { view: View; depth: number } | null;
  home: View | null;
  executions: Array<{ executionId: string; inputs: Json; completion: Json | null }>;
}

/** Slack's option object. */
export interface SlackOption {
  text: { type: string; text: string };
  value: string;
  description?: { type: string; text: string };
}

/** The answer of the playground's POST routes. */
export interface Outcome {
  ok: boolean;
  problem?: string;
  errors?: Record<string, string>;
  options?: unknown;
}
