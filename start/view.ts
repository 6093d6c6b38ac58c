import edge from 'edge.js'
import { dashboardSections } from '#identity/mod'

edge.global('dashboardSections', dashboardSections)
