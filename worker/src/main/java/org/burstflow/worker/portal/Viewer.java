package org.burstflow.worker.portal;

/**
 * Who is looking at the portal.
 *
 * @param name the login name (from the login proxy's header or a personal token), or the API
 *     key's holder for a staff key
 * @param support support staff: may see advisory flags and the efficiency export
 * @param person a real login; a staff API key is not anyone's and has no dashboard of its own
 */
public record Viewer(String name, boolean support, boolean person) {

  /** Request attribute the identity filter leaves the viewer in. */
  public static final String ATTRIBUTE = "burstflow.portal.viewer";
}
