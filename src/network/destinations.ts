/**
 * What a protected VM must reach for Azure Backup, and by which names: the NSG service tag, the Azure Firewall FQDN
 * tag, and the FQDNs an application rule would list (Microsoft Learn: "Back up SQL Server databases in Azure VMs",
 * "Private endpoints overview").
 */
export type ServiceName = "AzureBackup" | "Storage" | "AzureActiveDirectory";

export interface BackupService {
  name: ServiceName;
  /** NSG service tag. */
  serviceTag: ServiceName;
  /** The service publishes per-region tags and the VM only needs its own region's endpoints. */
  regional: boolean;
  /** Azure Firewall FQDN tag covering the service, when there is one. */
  fqdnTag?: string;
  /**
   * FQDNs an Azure Firewall application rule must allow. Entra ID lists many more in Microsoft 365's "common"
   * sections 56 and 59; the sign-in authority is the one the check insists on.
   */
  fqdns: string[];
  /** How the docs name the service in prose. */
  display: string;
}

export const BACKUP_SERVICES: Record<ServiceName, BackupService> = {
  AzureBackup: { name: "AzureBackup", serviceTag: "AzureBackup", regional: true, fqdnTag: "AzureBackup", fqdns: ["*.backup.windowsazure.com"], display: "Azure Backup" },
  Storage: { name: "Storage", serviceTag: "Storage", regional: true, fqdns: ["*.blob.core.windows.net", "*.queue.core.windows.net"], display: "Azure Storage" },
  AzureActiveDirectory: { name: "AzureActiveDirectory", serviceTag: "AzureActiveDirectory", regional: false, fqdns: ["login.microsoftonline.com"], display: "Microsoft Entra ID" },
};

/** A destination as the evaluator takes it: a service, and optionally the private endpoint it is reached through. */
export interface Destination {
  service: BackupService;
  /** TCP port; Azure Backup uses HTTPS. */
  port: 443;
  /** Reach the service through this private endpoint instead of its public endpoints. */
  privateEndpoint?: { name: string; subnetId?: string };
}

export function destination(name: ServiceName, privateEndpoint?: Destination["privateEndpoint"]): Destination {
  const d: Destination = { service: BACKUP_SERVICES[name], port: 443 };
  if (privateEndpoint) d.privateEndpoint = privateEndpoint;
  return d;
}

export function destinationLabel(d: Destination): string {
  return d.privateEndpoint ? `${d.service.name} (private endpoint ${d.privateEndpoint.name})` : d.service.name;
}
