import * as k8s from '@kubernetes/client-node';

const serviceAccountUser = /^system:serviceaccount:([^:]+):([^:]+)$/;

/**
 * The provisioner's rights inside a store namespace: a RoleBinding of the store-manager ClusterRole to itself
 * (docs/security.md). Who "itself" is comes from the API server (SelfSubjectReview), so the same code binds the
 * in-cluster ServiceAccount, or whichever identity a kubeconfig gives; before Kubernetes 1.28, which does not
 * serve that API, from the ServiceAccount token it authenticates with.
 */
export class StoreAccess {
  private readonly authentication: k8s.AuthenticationV1Api;
  private readonly authorization: k8s.AuthorizationV1Api;
  private readonly rbac: k8s.RbacAuthorizationV1Api;
  private subject?: Promise<k8s.RbacV1Subject>;

  constructor(private readonly config: k8s.KubeConfig) {
    this.authentication = config.makeApiClient(k8s.AuthenticationV1Api);
    this.authorization = config.makeApiClient(k8s.AuthorizationV1Api);
    this.rbac = config.makeApiClient(k8s.RbacAuthorizationV1Api);
  }

  /** Creates the RoleBinding `clusterRole` in the namespace; one that exists already is the converged state. */
  async grant(namespace: string, clusterRole: string, labels: Record<string, string>): Promise<void> {
    const body: k8s.V1RoleBinding = {
      metadata: { name: clusterRole, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
      subjects: [await this.self()],
    };
    try {
      await this.rbac.createNamespacedRoleBinding({ namespace, body });
    } catch (error) {
      if (!(error instanceof k8s.ApiException && error.code === 409)) throw error;
    }
  }

  /** Whether the API server already authorises this identity to create the store's Secrets in the namespace. */
  async canManage(namespace: string): Promise<boolean> {
    const review = await this.authorization.createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: { namespace, verb: 'create', resource: 'secrets' } } },
    });
    return review.status?.allowed === true;
  }

  private self(): Promise<k8s.RbacV1Subject> {
    this.subject ??= this.whoAmI().catch((error: unknown) => {
      this.subject = undefined;
      throw error;
    });
    return this.subject;
  }

  private async whoAmI(): Promise<k8s.RbacV1Subject> {
    const username = (await this.reviewedUsername()) ?? (await this.tokenUsername());
    if (!username) throw new Error('the API server did not say who the provisioner is (SelfSubjectReview)');
    const [, namespace, name] = serviceAccountUser.exec(username) ?? [];
    if (namespace && name) return { kind: 'ServiceAccount', namespace, name };
    return { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: username };
  }

  /** The user the API server authenticated (authentication.k8s.io/v1, Kubernetes 1.28+); undefined before. */
  private async reviewedUsername(): Promise<string | undefined> {
    try {
      const review = await this.authentication.createSelfSubjectReview({ body: {} });
      return review.status?.userInfo?.username ?? '';
    } catch (error) {
      if (error instanceof k8s.ApiException && error.code === 404) return undefined;
      throw error;
    }
  }

  /**
   * The `sub` claim of the bearer token the provisioner sends: `system:serviceaccount:{namespace}:{name}` for a
   * ServiceAccount token (https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/). Only
   * read, never trusted for anything but naming the subject: the API server checks the binding's use.
   */
  private async tokenUsername(): Promise<string | undefined> {
    const options = await this.config.applyToFetchOptions({});
    // client-node builds them with the global Headers class (its types name node-fetch's).
    const authorization = (options.headers as unknown as Headers | undefined)?.get('authorization');
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const payload = token?.split('.')[1];
    if (!payload) {
      throw new Error(
        'this Kubernetes version has no SelfSubjectReview (1.28+), and the provisioner does not authenticate with a ServiceAccount token that names it',
      );
    }
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : undefined;
  }
}
