/**
 * What the outbound policy says of a URL without resolving it: a host that is an IP literal in a
 * refused range is refused at registration already. Names are judged when connecting.
 */
export type UrlPolicy = (url: string) => string | null;
