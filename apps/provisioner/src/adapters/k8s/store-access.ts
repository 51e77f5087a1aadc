import * as k8s from '@kubernetes/client-node';

const serviceAccountUser = /^system:serviceaccount:([^:]+):([^:]+)$/;

/**
 * The provisioner's rights inside a store namespace: a RoleBinding of the store-manager ClusterRole to itself
 * (docs/security.md). Who "itself" is comes from the API server (SelfSubjectReview), so the same code binds the
 * in-cluster ServiceAccount, or whichever identity a kubeconfig gives.
 */
export class StoreAccess {
  private readonly authentication: k8s.AuthenticationV1Api;
  private readonly authorization: k8s.AuthorizationV1Api;
  private readonly rbac: k8s.RbacAuthorizationV1Api;
  private subject?: Promise<k8s.RbacV1Subject>;

  constructor(config: k8s.KubeConfig) {
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
    const review = await this.authentication.createSelfSubjectReview({ body: {} });
    const username = review.status?.userInfo?.username;
    if (!username) throw new Error('the API server did not say who the provisioner is (SelfSubjectReview)');
    const [, namespace, name] = serviceAccountUser.exec(username) ?? [];
    if (namespace && name) return { kind: 'ServiceAccount', namespace, name };
    return { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: username };
  }
}
