#!/bin/bash
echo "backfill of ${backfill_date} finished"
