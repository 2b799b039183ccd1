/**
 * The names the web host answers to: a loopback name with its port, so a page of another site
 * that rebinds its own domain to 127.0.0.1 is refused (its Host is that domain), and a socket
 * opened from another site's page is refused by its Origin.
 */
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

export class LoopbackNames {
  private readonly hosts: ReadonlySet<string>;
  private readonly origins: ReadonlySet<string>;

  constructor(private readonly port: number) {
    this.hosts = new Set(LOOPBACK.map((name) => `${name}:${port}`));
    this.origins = new Set(LOOPBACK.map((name) => `http://${name}:${port}`));
  }

  hostAllowed(host: string | undefined): boolean {
    return host !== undefined && this.hosts.has(host.toLowerCase());
  }

  /** Browsers send Origin with every socket and every cross-site request; other clients may omit it. */
  originAllowed(origin: string | undefined): boolean {
    return origin === undefined || this.origins.has(origin.toLowerCase());
  }

  /** `connect-src` of the content security policy: the socket on any of the names. */
  socketSources(): string {
    return LOOPBACK.map((name) => `ws://${name}:${this.port}`).join(' ');
  }
}
