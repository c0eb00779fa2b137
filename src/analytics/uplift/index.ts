export { DEFAULT_HOLDOUT_SHARE, holdoutDraw, isHeldOut } from './holdout.js'
export {
  differenceInterval,
  type Interval,
  type Proportion,
  wilsonInterval,
} from './newcombe.js'
