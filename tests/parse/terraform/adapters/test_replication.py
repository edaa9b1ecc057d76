"""Replication in Terraform: standbys the adapters read from replicas, global clusters,
replication rules and failover groups (fixtures/replication/<case>/{standby,alone})."""

from __future__ import annotations

from pathlib import Path

from spofcheck.api.pipeline import ScanRequest, load_stacks
from spofcheck.model import Architecture, Component, Failover, Kind, Replication, StandbyMode
from tests.helpers.adapter_kit import model, ref, res

CASES = Path(__file__).resolve().parents[4] / "fixtures" / "replication"


def load(case: str, side: str) -> Architecture:
    _root, loaded, errors = load_stacks(ScanRequest(paths=[CASES / case / side], use_cache=False))
    assert not errors
    return loaded[0][1]


def component(case: str, side: str, cid: str) -> Component:
    return load(case, side).components[cid]


def _db(**attrs: object) -> dict[str, object]:
    return {"engine": "postgres", "instance_class": "db.r6g.large", **attrs}


def test_a_cross_region_read_replica_is_its_sources_warm_manual_async_standby() -> None:
    """The replica (provider alias in us-west-2, zone us-west-2b) folds into its source."""
    arch = load("rds-replica", "standby")
    source = arch.components["aws_db_instance.orders"]
    assert source.standby is not None
    assert (source.standby.mode, source.standby.failover) == (StandbyMode.WARM, Failover.MANUAL)
    assert (source.standby.replicas, source.standby.zones) == (1, ["us-west-2b"])
    assert source.standby.region == "us-west-2"
    assert source.standby.replication is Replication.ASYNC
    assert source.standby.members == ["aws_db_instance.orders_dr"]
    replica = arch.components["aws_db_instance.orders_dr"]
    assert replica.kind is Kind.CONFIG
    assert "part-of:aws_db_instance.orders" in replica.tags
    # the DR-side API named the replica: it now calls the one logical database
    targets = {t for d in arch.request_dependencies() for t in d.targets}
    assert "aws_db_instance.orders_dr" not in targets


def test_without_a_replica_the_database_has_no_standby() -> None:
    assert component("rds-replica", "alone", "aws_db_instance.orders").standby is None


def test_a_same_region_replica_by_identifier_stays_in_the_sources_region() -> None:
    """Named by its identifier string; no region anywhere: the standby has the source's
    (None) and its zone."""
    arch = model(
        res("aws_db_instance.main", _db(identifier="main", availability_zone="us-east-1a")),
        res(
            "aws_db_instance.copy",
            _db(replicate_source_db="main", availability_zone="us-east-1b"),
        ),
    )
    main = arch.components["aws_db_instance.main"]
    assert main.standby is not None
    assert main.standby.zones == ["us-east-1b"]
    assert main.standby.region == main.region
    assert main.standby.replication is Replication.ASYNC


def test_a_replica_of_a_replica_counts_for_the_root() -> None:
    """main <- r1 <- r2: both replicas are main's standby (2 replicas)."""
    arch = model(
        res("aws_db_instance.main", _db()),
        res("aws_db_instance.r1", _db(replicate_source_db=ref("aws_db_instance.main", "arn"))),
        res("aws_db_instance.r2", _db(replicate_source_db=ref("aws_db_instance.r1", "arn"))),
    )
    main = arch.components["aws_db_instance.main"]
    assert main.standby is not None
    assert main.standby.replicas == 2
    assert main.standby.members == ["aws_db_instance.r1", "aws_db_instance.r2"]
    assert "part-of:aws_db_instance.main" in arch.components["aws_db_instance.r2"].tags


def test_multi_az_beside_a_replica_becomes_a_second_primary() -> None:
    """One standby per component: Multi-AZ's hot standby is counted as a primary (its
    zone is AWS's pick: unknown), the replica is the standby."""
    arch = model(
        res("aws_db_instance.main", _db(multi_az=True, availability_zone="us-east-1a")),
        res("aws_db_instance.copy", _db(replicate_source_db=ref("aws_db_instance.main", "id"))),
    )
    main = arch.components["aws_db_instance.main"]
    assert (main.replicas, main.zones) == (2, [])
    assert "zones" in main.unresolved
    assert "single-writer:sync" in main.tags  # recovery still sees the in-region failover
    assert main.standby is not None
    assert main.standby.mode is StandbyMode.WARM


def test_an_aurora_global_secondary_is_the_primarys_cross_region_standby() -> None:
    """Secondary in eu-west-1 with one reader: hot (it runs), manual (an operator starts
    an unplanned global failover), async; the primary's two members become primaries."""
    arch = load("aurora-global", "standby")
    us = arch.components["aws_rds_cluster.us"]
    assert (us.replicas, us.zones) == (2, ["us-east-1a", "us-east-1b"])
    assert us.standby is not None
    assert (us.standby.mode, us.standby.failover) == (StandbyMode.HOT, Failover.MANUAL)
    assert (us.standby.replicas, us.standby.zones) == (1, ["eu-west-1a"])
    assert us.standby.region == "eu-west-1"
    assert us.standby.replication is Replication.ASYNC
    assert us.standby.members == ["aws_rds_cluster.eu"]
    for folded in ("aws_rds_cluster.eu", "aws_rds_global_cluster.ledger"):
        assert arch.components[folded].kind is Kind.CONFIG
        assert "part-of:aws_rds_cluster.us" in arch.components[folded].tags


def test_aurora_replicas_in_other_zones_are_hot_automatic_synchronous() -> None:
    us = component("aurora-global", "alone", "aws_rds_cluster.us")
    assert us.standby is not None
    assert (us.standby.mode, us.standby.failover) == (StandbyMode.HOT, Failover.AUTOMATIC)
    assert us.standby.zones == ["us-east-1b"]
    assert us.standby.replication is Replication.SYNC


def test_the_global_clusters_source_names_the_primary_and_a_headless_secondary_is_cold() -> None:
    """`source_db_cluster_identifier` wins over addresses (a < b); a secondary with no
    instances must get some before it serves: cold, one replica."""
    glob = ref("aws_rds_global_cluster.g", "id")
    arch = model(
        res(
            "aws_rds_global_cluster.g",
            {"source_db_cluster_identifier": ref("aws_rds_cluster.b", "arn")},
        ),
        res("aws_rds_cluster.a", {"engine": "aurora-mysql", "global_cluster_identifier": glob}),
        res("aws_rds_cluster.b", {"engine": "aurora-mysql", "global_cluster_identifier": glob}),
    )
    b = arch.components["aws_rds_cluster.b"]
    assert b.kind is Kind.DATABASE
    assert b.standby is not None
    assert (b.standby.mode, b.standby.replicas) == (StandbyMode.COLD, 1)
    assert "part-of:aws_rds_cluster.b" in arch.components["aws_rds_cluster.a"].tags


def test_s3_replication_into_another_region_is_a_manual_async_storage_standby() -> None:
    arch = load("s3-replication", "standby")
    bucket = arch.components["aws_s3_bucket.invoices"]
    assert bucket.standby is not None
    assert (bucket.standby.mode, bucket.standby.failover) == (StandbyMode.HOT, Failover.MANUAL)
    assert bucket.standby.region == "us-west-2"
    assert bucket.standby.replication is Replication.ASYNC
    assert bucket.standby.members == ["aws_s3_bucket.invoices_copy"]
    assert "part-of:aws_s3_bucket.invoices" in arch.components["aws_s3_bucket.invoices_copy"].tags


def test_an_unreplicated_bucket_has_no_standby() -> None:
    assert component("s3-replication", "alone", "aws_s3_bucket.invoices").standby is None


def test_buckets_replicating_into_each_other_both_stay_and_a_same_region_copy_is_no_dr() -> None:
    """a <-> b (inline legacy rules, one region): neither folds, neither gets a standby
    (the copy shares the region, so it does not survive what the bucket does not)."""
    rule = lambda target: {  # noqa: E731
        "rules": [{"destination": {"bucket": ref(target, "arn")}}]
    }
    arch = model(
        res("aws_s3_bucket.a", {"replication_configuration": rule("aws_s3_bucket.b")}),
        res("aws_s3_bucket.b", {"replication_configuration": rule("aws_s3_bucket.a")}),
    )
    for cid in ("aws_s3_bucket.a", "aws_s3_bucket.b"):
        assert arch.components[cid].kind is Kind.STORAGE
        assert arch.components[cid].standby is None


def test_a_dynamodb_global_table_is_active_active_across_regions() -> None:
    """Two replica regions besides us-east-1: a hot, automatic (every replica writes),
    async standby of 2, in the first other region by name (ap-southeast-2)."""
    table = component("dynamodb-global", "standby", "aws_dynamodb_table.sessions")
    assert table.standby is not None
    assert (table.standby.mode, table.standby.failover) == (StandbyMode.HOT, Failover.AUTOMATIC)
    assert (table.standby.replicas, table.standby.region) == (2, "ap-southeast-2")
    assert table.standby.replication is Replication.ASYNC
    assert table.availability == 0.9999  # the one-region figure: redundancy counted once
    assert component("dynamodb-global", "alone", "aws_dynamodb_table.sessions").standby is None


def test_an_elasticache_global_datastore_secondary_is_a_manual_cross_region_standby() -> None:
    """The primary's two nodes (us-east-1a, b) become primaries; the secondary mirrors
    the primary's shape (2 nodes) in eu-central-1, promoted by an operator."""
    arch = load("elasticache-global", "standby")
    group = arch.components["aws_elasticache_replication_group.catalogue"]
    assert (group.replicas, group.zones) == (2, ["us-east-1a", "us-east-1b"])
    assert group.standby is not None
    assert (group.standby.mode, group.standby.failover) == (StandbyMode.HOT, Failover.MANUAL)
    assert (group.standby.replicas, group.standby.region) == (2, "eu-central-1")
    assert group.standby.replication is Replication.ASYNC
    assert group.standby.members == ["aws_elasticache_replication_group.catalogue_eu"]
    secondary = arch.components["aws_elasticache_replication_group.catalogue_eu"]
    assert secondary.kind is Kind.CONFIG


def test_an_elasticache_group_alone_keeps_its_in_region_async_replica() -> None:
    group = component("elasticache-global", "alone", "aws_elasticache_replication_group.catalogue")
    assert group.standby is not None
    assert (group.standby.failover, group.standby.zones) == (Failover.AUTOMATIC, ["us-east-1b"])
    assert group.standby.replication is Replication.ASYNC


def test_a_cloud_sql_cross_region_replica_is_the_dr_standby_and_ha_a_second_primary() -> None:
    """REGIONAL HA in us-central1-a/b plus a replica in us-east1-c: the HA standby is
    counted as a primary (zones a and b), the replica is the warm, manual, async standby."""
    arch = load("cloudsql-replica", "standby")
    main = arch.components["google_sql_database_instance.accounts"]
    assert (main.replicas, main.zones) == (2, ["us-central1-a", "us-central1-b"])
    assert main.standby is not None
    assert (main.standby.mode, main.standby.failover) == (StandbyMode.WARM, Failover.MANUAL)
    assert (main.standby.zones, main.standby.region) == (["us-east1-c"], "us-east1")
    assert main.standby.replication is Replication.ASYNC
    assert arch.components["google_sql_database_instance.accounts_dr"].kind is Kind.CONFIG


def test_cloud_sql_regional_ha_alone_is_a_synchronous_hot_standby() -> None:
    main = component("cloudsql-replica", "alone", "google_sql_database_instance.accounts")
    assert main.standby is not None
    assert (main.standby.failover, main.standby.zones) == (Failover.AUTOMATIC, ["us-central1-b"])
    assert main.standby.replication is Replication.SYNC


def test_an_azure_failover_group_fails_over_as_its_policy_says() -> None:
    cid = "azurerm_mssql_database.orders"
    for side, failover in (("automatic", Failover.AUTOMATIC), ("manual", Failover.MANUAL)):
        db = component("azure-failover-group", side, cid)
        assert db.standby is not None
        assert (db.standby.failover, db.standby.region) == (failover, "northeurope")
        assert db.standby.replication is Replication.ASYNC
        assert db.standby.members == ["azurerm_mssql_server.partner"]
    assert component("azure-failover-group", "alone", cid).standby is None


def test_an_azure_sql_geo_secondary_without_a_group_is_a_manual_standby() -> None:
    """create_mode = "Secondary" naming the primary: folds into it, hot (full size),
    manual (no group automates it), in its server's region."""
    arch = model(
        res("azurerm_mssql_server.a", {"location": "westeurope"}),
        res("azurerm_mssql_server.b", {"location": "northeurope"}),
        res("azurerm_mssql_database.main", {"server_id": ref("azurerm_mssql_server.a")}),
        res(
            "azurerm_mssql_database.copy",
            {
                "server_id": ref("azurerm_mssql_server.b"),
                "create_mode": "Secondary",
                "creation_source_database_id": ref("azurerm_mssql_database.main"),
            },
        ),
    )
    main = arch.components["azurerm_mssql_database.main"]
    assert main.standby is not None
    assert (main.standby.mode, main.standby.failover) == (StandbyMode.HOT, Failover.MANUAL)
    assert (main.standby.region, main.standby.members) == (
        "northeurope",
        ["azurerm_mssql_database.copy"],
    )
    assert arch.components["azurerm_mssql_database.copy"].kind is Kind.CONFIG


def test_an_azure_flexible_server_replica_is_a_warm_manual_standby() -> None:
    """Zone-redundant HA (zones 1, 2) plus a replica in another region: the HA standby
    becomes a primary, the replica the standby."""
    arch = model(
        res(
            "azurerm_postgresql_flexible_server.main",
            {
                "location": "westeurope",
                "zone": "1",
                "high_availability": {"mode": "ZoneRedundant", "standby_availability_zone": "2"},
            },
        ),
        res(
            "azurerm_postgresql_flexible_server.copy",
            {
                "location": "northeurope",
                "create_mode": "Replica",
                "source_server_id": ref("azurerm_postgresql_flexible_server.main"),
            },
        ),
    )
    main = arch.components["azurerm_postgresql_flexible_server.main"]
    assert main.replicas == 2
    assert main.standby is not None
    assert (main.standby.mode, main.standby.failover) == (StandbyMode.WARM, Failover.MANUAL)
    assert main.standby.region == "northeurope"


def test_a_geo_redundant_storage_account_keeps_a_copy_in_the_paired_region() -> None:
    """RAGZRS in westeurope: a warm, manual (customer-started failover), async copy in
    northeurope, its pair; ZRS alone has none."""
    arch = load("azure-storage-geo", "standby")
    account = arch.components["azurerm_storage_account.uploads"]
    assert account.standby is not None
    assert (account.standby.mode, account.standby.failover) == (StandbyMode.WARM, Failover.MANUAL)
    assert (account.standby.region, account.standby.replication) == (
        "northeurope",
        Replication.ASYNC,
    )
    assert "northeurope" in arch.regions
    assert (
        component("azure-storage-geo", "alone", "azurerm_storage_account.uploads").standby is None
    )


TABLE_REPLICA = """
provider "aws" { region = "us-east-1" }
provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}
resource "aws_dynamodb_table" "carts" {
  name         = "carts"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
resource "aws_dynamodb_table_replica" "carts_eu" {
  provider         = aws.eu
  global_table_arn = aws_dynamodb_table.carts.arn
}
"""


def test_a_table_replica_resource_makes_the_table_global(tmp_path: Path) -> None:
    """`aws_dynamodb_table_replica` behind an eu-west-1 provider: one hot, automatic,
    async replica there, named in `members`; the replica folds into the table."""
    (tmp_path / "main.tf").write_text(TABLE_REPLICA, "utf-8")
    _root, loaded, errors = load_stacks(ScanRequest(paths=[tmp_path], use_cache=False))
    assert not errors
    arch = loaded[0][1]
    table = arch.components["aws_dynamodb_table.carts"]
    assert table.standby is not None
    assert (table.standby.replicas, table.standby.region) == (1, "eu-west-1")
    assert table.standby.failover is Failover.AUTOMATIC
    assert table.standby.members == ["aws_dynamodb_table_replica.carts_eu"]
    assert (
        "part-of:aws_dynamodb_table.carts"
        in arch.components["aws_dynamodb_table_replica.carts_eu"].tags
    )
