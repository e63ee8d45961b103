-- Hourly refresh of the dashboard aggregates.
REFRESH MATERIALIZED VIEW serving.mv_dashboard_today;
ANALYZE serving.sales_daily;
