import { MigrationNotFound } from "@/components/migration/migration-not-found";

export default MigrationNotFound;
