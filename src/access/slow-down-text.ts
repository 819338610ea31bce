/** What a person reads when they asked for service lists faster than the bot serves them. */

function inSeconds(seconds: number): string {
  return seconds === 1 ? 'a second' : `${seconds} seconds`;
}

/** The ephemeral answer to a refused list, page turn or List services click. */
export function slowDownText(retryInSeconds: number): string {
  return `:hourglass_flowing_sand: You asked for the service list several times in a row, so I am pausing it for you. Please try again in ${inSeconds(retryInSeconds)}; the list you already have is still current to within a few seconds.`;
}

/** Shown on the App Home when Refresh was pressed too quickly. */
export function slowDownHomeText(retryInSeconds: number): string {
  return `You refreshed several times in a row, so I am pausing refreshes for you. Please try again in ${inSeconds(retryInSeconds)} (the *Try again* button below) to see your services and approvals.`;
}
