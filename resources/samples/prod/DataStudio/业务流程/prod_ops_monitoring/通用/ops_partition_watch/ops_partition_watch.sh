#!/bin/bash
# Alerts O&M when yesterday's ODS partitions are late.
odpscmd -e "SHOW PARTITIONS retail_prod.ods_orders;" | grep -q "dt=${bizdate}" || exit 1
