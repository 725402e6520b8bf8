package org.burstflow.worker.portal;

import org.burstflow.worker.portal.PortalRows.ReportDocument;

/**
 * A job's report is its owner's and the project PI's, nobody else's: not other users, and not
 * support staff (who see flags and aggregates, not what a researcher's job did).
 */
public class ReportAccess {

  private static final java.util.regex.Pattern CLUSTER_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final ProjectDirectory projects;
  private final PortalRepository repository;

  public ReportAccess(ProjectDirectory projects, PortalRepository repository) {
    this.projects = projects;
    this.repository = repository;
  }

  public boolean mayRead(Viewer viewer, String owner, String account) {
    if (!viewer.person()) {
      return false;
    }
    return viewer.name().equals(owner) || projects.isPi(viewer.name(), account);
  }

  /** The report, if the viewer may read it; 404 if there is none, 403 if it is someone else's. */
  public ReportDocument readable(Viewer viewer, String cluster, long jobId) {
    // the cluster goes into the page's links: only names Slurm could have given it
    if (!CLUSTER_NAME.matcher(cluster).matches()) {
      throw PortalDenied.notFound("no cluster " + cluster);
    }
    ReportDocument doc = repository.report(cluster, jobId)
        .orElseThrow(() -> PortalDenied.notFound("no report for job " + jobId + " on " + cluster));
    if (!mayRead(viewer, doc.user(), doc.account())) {
      throw PortalDenied.forbidden("this report belongs to another user; only its owner and the project's PI may read it");
    }
    return doc;
  }

  public void requireProject(Viewer viewer, String account) {
    if (!viewer.person() || !projects.isPi(viewer.name(), account)) {
      throw PortalDenied.forbidden("only the PI of project " + account + " may see its view");
    }
  }
}
