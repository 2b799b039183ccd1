/**
 * What the dashboard tells outside its own page: the tab's title and icon follow the dashboard's
 * state, and in a browser (the web host) each new breach, close and lock, and each step of a rule's
 * warning ladder climbed, becomes a notification once the trader allowed them (AlertsToggle). The
 * desktop app's main process notifies instead.
 */
import { useEffect, useRef } from 'react';
import type { Snapshot } from '../../../shared/contract';
import { StepTracker } from '../../../shared/rules';
import type { TransportState } from '../api';
import { serviceNow } from '../service-clock';
import { AlertFeed, alertText, stepAlertText } from './alert-feed';
import { dashboardState, type DashboardState } from './dashboard-state';
import { documentTitle } from './document-title';
import { faviconHref } from './favicon';
import { alertPermission } from './host';

/** Marks age without a new snapshot, so the state is looked at again every second. */
const RECHECK_MS = 1000;

export function useAlerts(snapshot: Snapshot | null, transport: TransportState): void {
  useEffect(() => {
    const show = () => showState(dashboardState(snapshot, transport, serviceNow()), snapshot);
    show();
    const timer = setInterval(show, RECHECK_MS);
    return () => clearInterval(timer);
  }, [snapshot, transport]);

  const feed = useRef<AlertFeed | null>(null);
  const steps = useRef<StepTracker | null>(null);
  useEffect(() => {
    if (!snapshot) return;
    feed.current ??= new AlertFeed();
    steps.current ??= new StepTracker();
    const alerts = [
      ...feed.current.fresh(snapshot).map((entry) => alertText(entry, snapshot)),
      ...steps.current.crossings(snapshot.accounts).map(stepAlertText),
    ];
    if (alertPermission() !== 'granted') return;
    for (const alert of alerts) notify(alert);
  }, [snapshot]);
}

function showState(state: DashboardState, snapshot: Snapshot | null): void {
  const title = documentTitle(state, snapshot);
  if (document.title !== title) document.title = title;
  const icon = faviconLink();
  const href = faviconHref(state);
  if (icon.getAttribute('href') !== href) icon.setAttribute('href', href);
  icon.dataset.state = state;
}

function faviconLink(): HTMLLinkElement {
  const existing = document.head.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (existing) return existing;
  const link = document.createElement('link');
  link.rel = 'icon';
  link.type = 'image/svg+xml';
  document.head.append(link);
  return link;
}

function notify(text: { title: string; body: string; tag: string }): void {
  try {
    new Notification(text.title, { body: text.body, tag: text.tag });
  } catch (error) {
    // Some browsers (Chrome on Android) only notify through a service worker; the page still shows it all.
    console.warn(`could not show the alert "${text.title}": ${(error as Error).message}`);
  }
}
