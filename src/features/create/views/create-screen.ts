/**
 * Renders any screen of the create flow as a modal, plus the loading view `/vpcep create` opens at
 * once (before any cloud call, inside the trigger's 3 s).
 */
import type { ActionsBlock, Button, KnownBlock, ModalView } from '@slack/types';
import { clip, escapeMrkdwn as esc, slackDate } from '../../../domain/mrkdwn.js';
import type { CreateScreen, ResumeModel } from '../model/screen-models.js';
import { createAttemptView } from './create-attempt.js';
import { context, modal, plain, sandboxBlocks, section } from './create-blocks.js';
import { BACKEND_TYPE_TEXT, createFormView, FORM_TITLE } from './create-form.js';
import { CREATE_ACTION, CREATE_VIEW } from './create-ids.js';
import { createReviewView } from './create-review.js';

/** The first view: shown at once, filled in by `views.update` when the draft and the cloud answered. */
export function createLoadingView(sandbox: boolean): ModalView {
  return modal({
    callbackId: CREATE_VIEW.loading,
    title: FORM_TITLE,
    close: 'Close',
    privateMetadata: '',
    blocks: [
      ...sandboxBlocks(sandbox),
      section(':hourglass_flowing_sand: Loading your draft and the VPCs of the cloud…'),
    ],
  });
}

function draftLines(model: ResumeModel): string[] {
  const { values, labels } = model;
  const ports = (values.portsText ?? '').split(/\r?\n/).filter((l) => l.trim() !== '').length;
  return [
    values.name ? `*Name*: \`${esc(values.name)}\`` : undefined,
    labels.vpc || values.vpcId ? `*VPC*: ${esc(clip(labels.vpc ?? values.vpcId ?? '', 75))}` : undefined,
    values.backendType
      ? `*Backend*: ${BACKEND_TYPE_TEXT[values.backendType].name}${labels.backend ? ` ${esc(clip(labels.backend, 75))}` : ''}`
      : undefined,
    ports ? `*Port Mapping*: ${ports} line${ports === 1 ? '' : 's'}` : undefined,
  ].filter((line): line is string => line !== undefined);
}

function resumeButtons(model: ResumeModel): ActionsBlock {
  const resume: Button = {
    type: 'button',
    action_id: CREATE_ACTION.resume,
    style: 'primary',
    text: plain(model.failure ? 'Edit and retry' : 'Resume draft', 75),
    value: model.draftRef,
  };
  if (model.replaceFor)
    return {
      type: 'actions',
      elements: [
        { ...resume, text: plain('Continue the newer draft', 75) },
        {
          type: 'button',
          action_id: CREATE_ACTION.editRetryReplace,
          text: plain('Edit the failed one instead', 75),
          value: model.replaceFor.attemptRef,
          confirm: {
            title: plain('Replace the newer draft?', 100),
            text: plain(
              "The newer draft's values are lost; the failed creation's values take their place.",
              300,
            ),
            confirm: plain('Replace it', 30),
            deny: plain('Keep it', 30),
          },
        },
      ],
    };
  return {
    type: 'actions',
    elements: [
      resume,
      {
        type: 'button',
        action_id: CREATE_ACTION.startOver,
        text: plain('Start over', 75),
        value: model.draftRef,
        confirm: {
          title: plain('Discard the draft?', 100),
          text: plain('The values of your unfinished draft are lost.', 300),
          confirm: plain('Start over', 30),
          deny: plain('Keep it', 30),
        },
      },
    ],
  };
}

function resumeView(model: ResumeModel, sandbox: boolean): ModalView {
  const lines = draftLines(model);
  const saved = slackDate(Date.parse(model.savedAt), model.savedAt);
  const failed = model.replaceFor?.name ? ` \`${esc(model.replaceFor.name)}\`` : '';
  const intro = model.replaceFor
    ? `You asked to edit and retry the failed creation${failed}, but you have a newer unfinished draft, saved ${saved}. Continue the newer draft, or replace it with the failed creation's values?`
    : `You have an unfinished endpoint service draft, saved ${saved}.`;
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(sandbox),
    section(intro),
    ...(lines.length ? [section(lines.join('\n'))] : []),
    ...(model.failure ? [section(`:x: Its last attempt failed: ${esc(model.failure)}`)] : []),
    resumeButtons(model),
  ];
  return modal({
    callbackId: CREATE_VIEW.notice,
    title: FORM_TITLE,
    close: 'Close',
    privateMetadata: model.draftRef,
    blocks,
  });
}

function problemView(message: string, retryRef: string | undefined, sandbox: boolean): ModalView {
  const blocks: KnownBlock[] = [...sandboxBlocks(sandbox), section(`:warning: ${esc(message)}`)];
  if (retryRef !== undefined)
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: CREATE_ACTION.retry,
          text: plain('Retry', 75),
          value: retryRef || 'none',
        },
      ],
    });
  else blocks.push(context('Nothing was created.'));
  return modal({
    callbackId: CREATE_VIEW.notice,
    title: FORM_TITLE,
    close: 'Close',
    privateMetadata: retryRef ?? '',
    blocks,
  });
}

/** The modal for a screen. */
export function renderCreateScreen(screen: CreateScreen, sandbox: boolean): ModalView {
  switch (screen.kind) {
    case 'form':
      return createFormView(screen.model, sandbox);
    case 'review':
      return createReviewView(screen.model, sandbox);
    case 'attempt':
      return createAttemptView(screen.model, sandbox);
    case 'resume':
      return resumeView(screen.model, sandbox);
    case 'problem':
      return problemView(screen.message, screen.retryRef, sandbox);
  }
}
